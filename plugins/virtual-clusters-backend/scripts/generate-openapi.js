#!/usr/bin/env node
/* eslint-disable no-restricted-syntax */
// Writes src/schema/openapi.generated.ts from src/schema/openapi.yaml: the spec as a
// `const` object that types the validated router. (backstage-repo-tools does the same
// but also needs a Java generator jar downloaded at run time, which this project avoids.)
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
