import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from './compose.js';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

const sdl = await composeSupergraph();
writeFileSync(SUPERGRAPH_PATH, sdl);
console.log(`supergraph written to gateway/supergraph.graphql (${sdl.length} bytes)`);
process.exit(0);
