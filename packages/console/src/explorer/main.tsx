/**
 * The self-hosted GraphQL explorer (GraphiQL 5), served by the gateway to a browser that GETs
 * /graphql. Everything it loads comes from this build (no CDN; monaco's workers are bundled as
 * files of their own), so it works on a machine without internet and under the gateway's
 * Content-Security-Policy (no inline scripts, no eval). The schema comes from /schema.graphql —
 * the public schema — so the explorer needs no introspection; it talks only to /graphql.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { buildSchema, type GraphQLSchema } from 'graphql';

type FetcherParams = { query: string; operationName?: string | null; variables?: Record<string, unknown> | null };

async function fetcher(params: FetcherParams, options?: { headers?: Record<string, unknown> }) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  for (const [k, v] of Object.entries(options?.headers ?? {})) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params), credentials: 'omit' });
  return res.json();
}

const DEFAULT_QUERY = `# 公共数据目录（匿名可查）| The public data catalog (no token needed)
# 以某一身份查询：在 Headers 中填写 {"authorization": "Bearer <token>"}（pnpm run token <user>）
# As a signed-in user: put {"authorization": "Bearer <token>"} in Headers (pnpm run token <user>)
{
  catalogSearch(filter: { q: "信用" }, first: 5) {
    totalCount
    edges { node { code nameZh } }
  }
}
`;

async function loadSchema(): Promise<GraphQLSchema | undefined> {
  try {
    const res = await fetch('/schema.graphql', { credentials: 'omit' });
    if (!res.ok) return undefined;
    return buildSchema(await res.text());
  } catch {
    return undefined;
  }
}

const schema = await loadSchema();
createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher as never} schema={schema} defaultQuery={DEFAULT_QUERY} defaultEditorToolsVisibility />
  </StrictMode>,
);
