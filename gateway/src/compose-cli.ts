import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from './compose.js';
import { PUBLIC_SCHEMA_FILE, publicSchemaSdl } from './public-schema.js';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

const sdl = await composeSupergraph();
writeFileSync(SUPERGRAPH_PATH, sdl);
console.log(`supergraph written to gateway/supergraph.graphql (${sdl.length} bytes)`);
const api = publicSchemaSdl(sdl);
writeFileSync(PUBLIC_SCHEMA_FILE, api);
console.log(`public schema written to gateway/schema.graphql (${api.length} bytes)`);
process.exit(0);
