/** The subgraphs and the shape of a catalogue entry (index.ts holds the catalogue, doc.ts renders it). */
export const SUBGRAPHS = ['catalog', 'licensing', 'products', 'revenue', 'evaluation', 'delivery'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

/** `platform`: published by the shared platform code in every subgraph (e.g. audit checkpoints). */
export type EventProducer = SubgraphName | 'platform';

export interface EventSpec {
  producer: EventProducer;
  version: number;
  consumers: SubgraphName[];
  description: string;
}
