import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { buildFederatedSchema, type SubgraphDefinition } from '@pdo/platform';
import { SUBGRAPHS, type SubgraphName } from '@pdo/events';
import { subgraphUrl } from './subgraphs.js';

async function loadDefinition(name: SubgraphName): Promise<SubgraphDefinition<unknown>> {
  const mod = (await import(`@pdo/${name}`)) as { definition: SubgraphDefinition<unknown> };
  return mod.definition;
}

/** SDL of each subgraph, built from its type-graphql classes (no database needed). */
export async function subgraphSdls(): Promise<{ name: SubgraphName; sdl: string }[]> {
  const out: { name: SubgraphName; sdl: string }[] = [];
  for (const name of SUBGRAPHS) {
    const def = await loadDefinition(name);
    const { sdl } = await buildFederatedSchema(def);
    out.push({ name, sdl });
  }
  return out;
}

/** Composes the supergraph with @apollo/composition; throws with every composition error listed. */
export async function composeSupergraph(): Promise<string> {
  const sdls = await subgraphSdls();
  const result = composeServices(sdls.map(({ name, sdl }) => ({ name, typeDefs: parse(sdl), url: subgraphUrl(name, {}) })));
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
