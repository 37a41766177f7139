import { v5 as uuidv5 } from 'uuid';

/** Namespace of the demo world's deterministic ids: every subgraph's seed derives the same id for the same thing. */
const DEMO_NAMESPACE = '6f1c2f0e-3b7a-4d55-9a43-6c8d1f0b2e11';

export const demoId = (key: string) => uuidv5(key, DEMO_NAMESPACE);
