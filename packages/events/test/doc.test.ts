import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENTS, EVENTS_DOC_BEGIN, EVENTS_DOC_END, eventsMarkdown } from '../src/index.js';

describe('docs/architecture.md', () => {
  it('lists every event of the catalogue as packages/events declares it (run `pnpm docs:events` after a change)', () => {
    const text = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
    const generated = text.slice(text.indexOf(EVENTS_DOC_BEGIN), text.indexOf(EVENTS_DOC_END) + EVENTS_DOC_END.length);
    expect(generated).toBe(eventsMarkdown(EVENTS));
  });
});
