/* The shapes of the jsonb columns of data/tables.ts, as the driver parses them. */

/** One public fact of a disclosure (only these are ever public). */
export interface DisclosureFactRow {
  key: string;
  value: string;
}

/** The weights an assessment used, with the source the authority cited (percent, decimal strings). */
export interface AssessmentWeights {
  quantity: string;
  quality: string;
  application: string;
  revenue: string;
  source: string;
}

/** The facts one source unit's contribution score was computed from, as stored beside the score. */
export interface ContributionInputsRow {
  agency_name: string | null;
  resource_count: number;
  record_count: string;
  avg_quality: string;
  corrections_answered: number;
  corrections_on_time: number;
  product_count: number;
  usage_units: string;
  revenue_fen: string;
  max_resources: number;
  max_records: string;
  max_products: number;
  max_units: string;
  max_revenue_fen: string;
}

/** Figures the platform already knows for an operator and period (prefilled into a report). */
export interface ReportPrefill {
  listedProducts: number;
  usageUnits: string;
  newUsageAgreements: number;
  secondaryDevelopers: number;
  revenueFen: string;
  incidents: number;
  products: { productId: string; productCode: string; name: string; usageUnits: string; revenueFen: string }[];
  priceChanges: { productId: string; kind: string; chargingUnit: string; amountFen: string; effectiveFrom: string }[];
}

/** One piece of evidence filed with a dispute. */
export interface DisputeEvidenceRow {
  title: string;
  uri: string | null;
}
