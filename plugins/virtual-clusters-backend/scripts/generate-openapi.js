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

const check = process.argv.includes('--check');
const dir = path.resolve(__dirname, '../src/schema');
const spec = parse(fs.readFileSync(path.join(dir, 'openapi.yaml'), 'utf8'));
const backendFile = path.join(dir, 'openapi.generated.ts');
const commonFile = path.resolve(
  __dirname,
  '../../virtual-clusters-common/src/schema/openapi.generated.ts',
);

const backend = `// Generated from openapi.yaml by \`yarn generate:openapi\`; do not edit.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The OpenAPI spec of the virtual-clusters backend. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** A router that validates requests and responses against {@link spec}. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;

async function commonTypes() {
  const { default: openapiTS, astToString } = await import(
    'openapi-typescript'
  );
  const ast = await openapiTS(spec, { alphabetize: false });
  return `// Generated from plugins/virtual-clusters-backend/src/schema/openapi.yaml by
// \`yarn generate:openapi\` in that package (openapi-typescript); do not edit.
/* eslint-disable */
${astToString(ast)}`;
}

// Writes both files formatted as the repository's prettier would; with --check, only
// compares them with what is on disk and fails naming the stale ones (CI runs this).
(async () => {
  const prettier = require('prettier');
  const stale = [];
  for (const [file, text] of [
    [backendFile, backend],
    [commonFile, await commonTypes()],
  ]) {
    const options = await prettier.resolveConfig(file);
    const formatted = await prettier.format(text, {
      ...options,
      filepath: file,
    });
    const name = path.relative(process.cwd(), file);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (check) {
      if (current !== formatted) stale.push(name);
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, formatted);
      console.log(`wrote ${name}`);
    }
  }
  if (stale.length) {
    console.error(
      `Generated from an older openapi.yaml: ${stale.join(
        ', ',
      )}; run \`yarn generate:openapi\` in plugins/virtual-clusters-backend`,
    );
    process.exit(1);
  }
})().catch(error => {
  console.error(error);
  process.exit(1);
});
