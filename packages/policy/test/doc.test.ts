import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILE_DOC_BEGIN, PROFILE_DOC_END, profileSettingsMarkdown } from '../src/index.js';

describe('docs/policy/profile-settings.md', () => {
  it('lists every setting of every shipped profile as the code has it (run `pnpm docs:policy` after a profile change)', () => {
    const text = readFileSync(new URL('../../../docs/policy/profile-settings.md', import.meta.url), 'utf8');
    const generated = text.slice(text.indexOf(PROFILE_DOC_BEGIN), text.indexOf(PROFILE_DOC_END) + PROFILE_DOC_END.length);
    expect(generated).toBe(profileSettingsMarkdown());
  });
});
