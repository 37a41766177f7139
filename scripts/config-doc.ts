/** `pnpm config:doc`: regenerates README.md's Configuration table from the configuration schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigurationTable } from '../gateway/src/config-doc.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = withConfigurationTable(before);
if (after === before) console.log('README.md Configuration table is up to date');
else {
  writeFileSync(readme, after);
  console.log('README.md Configuration table regenerated');
}
