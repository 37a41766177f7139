/** Regenerates the events catalogue in docs/architecture.md from packages/events. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EVENTS, EVENTS_DOC_BEGIN, EVENTS_DOC_END, eventsMarkdown } from '@pdo/events';

const file = fileURLToPath(new URL('../docs/architecture.md', import.meta.url));
const text = readFileSync(file, 'utf8');
const start = text.indexOf(EVENTS_DOC_BEGIN);
const end = text.indexOf(EVENTS_DOC_END);
if (start < 0 || end < 0) throw new Error(`${file}: markers not found`);
writeFileSync(file, text.slice(0, start) + eventsMarkdown(EVENTS) + text.slice(end + EVENTS_DOC_END.length));
console.log('docs/architecture.md events catalogue regenerated');
