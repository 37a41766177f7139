/** Regenerates the settings tables of docs/policy/profile-settings.md from the shipped profiles. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROFILE_DOC_BEGIN, PROFILE_DOC_END, profileSettingsMarkdown } from '@pdo/policy';

const file = fileURLToPath(new URL('../docs/policy/profile-settings.md', import.meta.url));
const text = readFileSync(file, 'utf8');
const start = text.indexOf(PROFILE_DOC_BEGIN);
const end = text.indexOf(PROFILE_DOC_END);
if (start < 0 || end < 0) throw new Error(`${file}: markers not found`);
writeFileSync(file, text.slice(0, start) + profileSettingsMarkdown() + text.slice(end + PROFILE_DOC_END.length));
console.log('docs/policy/profile-settings.md regenerated');
