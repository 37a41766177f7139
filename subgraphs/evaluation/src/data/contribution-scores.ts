import type { ScoreRow } from '../domain/contribution.js';

/** A stored row of `contribution_score` (numbers as decimal strings). */
export interface StoredScore {
  assessment_id: string;
  agency_id: string;
  quantity: string;
  quality: string;
  application: string;
  revenue: string;
  total: string;
  inputs: Omit<ScoreRow, 'quantity' | 'quality' | 'application' | 'revenue' | 'total' | 'agency_id'>;
}
