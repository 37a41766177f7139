// One stack for the catalog's suites (see stack.ts); order matters only for counts per jurisdiction.
import './stack.js';
import './resources.js';
import './workflows.js';
import './policy-profile.js';
import './returned-origin.js';
import './republish.js';
