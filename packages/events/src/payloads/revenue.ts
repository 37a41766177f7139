/** Payloads of events revenue publishes (owner: revenue). Money as integer-fen strings. */
export interface PriceCapSet { capId: string; productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; capFen: string; effectiveFrom: string }
export interface PriceSet { priceId: string; productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; priceFen: string; effectiveFrom: string }
export interface SettlementCompleted {
  settlementId: string;
  jurisdiction: string;
  periodStart: string;
  periodEnd: string;
  totalFen: string;
  shares: { partyId: string; partyKind: 'SOURCE_AGENCY' | 'OPERATOR' | 'SERVICE_PROVIDER' | 'JURISDICTION'; productId: string; amountFen: string }[];
}
