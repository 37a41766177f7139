import { runSubgraphMain } from '@pdo/platform';
import { definition } from './index.js';

await runSubgraphMain(definition, 4006);
