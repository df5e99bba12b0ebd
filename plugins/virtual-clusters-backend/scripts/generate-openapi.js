#!/usr/bin/env node
/* eslint-disable no-restricted-syntax */
// Writes, from src/schema/openapi.yaml (the one source of the API):
// - src/schema/openapi.generated.ts: the spec as a `const` object that types the
//   validated router;
// - ../virtual-clusters-common/src/schema/openapi.generated.ts: the types of every
//   schema and operation, by openapi-typescript, which -common's types.ts names and the
//   client uses.
// (backstage-repo-tools does the same but also needs a Java generator jar downloaded at
// run time, which this project avoids.)
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const dir = path.resolve(__dirname, '../src/schema');
const spec = parse(fs.readFileSync(path.join(dir, 'openapi.yaml'), 'utf8'));
const out = `// Generated from openapi.yaml by \`yarn generate:openapi\`; do not edit.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The OpenAPI spec of the virtual-clusters backend. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** A router that validates requests and responses against {@link spec}. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
fs.writeFileSync(path.join(dir, 'openapi.generated.ts'), out);
console.log('wrote src/schema/openapi.generated.ts');

const common = path.resolve(
  __dirname,
  '../../virtual-clusters-common/src/schema/openapi.generated.ts',
);
(async () => {
  const { default: openapiTS, astToString } = await import(
    'openapi-typescript'
  );
  const ast = await openapiTS(spec, { alphabetize: false });
  fs.mkdirSync(path.dirname(common), { recursive: true });
  fs.writeFileSync(
    common,
    `// Generated from plugins/virtual-clusters-backend/src/schema/openapi.yaml by
// \`yarn generate:openapi\` in that package (openapi-typescript); do not edit.
/* eslint-disable */
${astToString(ast)}`,
  );
  console.log(`wrote ${path.relative(process.cwd(), common)}`);
})().catch(error => {
  console.error(error);
  process.exit(1);
});
