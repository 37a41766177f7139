/**
 * What the pricing authority (价格主管部门, the development and reform commission) does in a jurisdiction
 * (docs/policy/profile-settings.md, `pricingAuthority`): it sets the operator's maximum permitted revenue with the data
 * authority (会同, PN §2(1)) — the cost survey and its markup — and designates the bond yield the rate is built on
 * (PN §3(1)). The per-product caps are the implementing body's within that revenue (PN §2(2)): no seed gives them to
 * the pricing authority, so `setsCaps` is false everywhere unless an authority's edit says otherwise.
 */
export interface PricingAuthorityPart {
  setsMaximumRevenue: boolean;
  designatesBondYield: boolean;
  setsCaps: boolean;
}

type Sourced<T> = { value: T; source: string };
const JOINT: PricingAuthorityPart = { setsMaximumRevenue: true, designatesBondYield: true, setsCaps: false };
const s = (source: string): Sourced<PricingAuthorityPart> => ({ value: JOINT, source });

export const PRICING_AUTHORITY_PART = {
  NATIONAL: s('PN §2(1): 发展改革部门会同数据主管部门…核定最高准许收入; PN §3(1): the 10-year bond yield it takes; PN §2(2): caps are the implementing body’s'),
  HN: s('HN Art 15: 按照国家和省价格主管部门有关规定定价; PN §2(1)'),
  JL: s('JL §八(二): 由发改部门会同实施机构按照“补偿成本、合理盈利”的原则核定最高准许收入'),
  QHD: s('QHD §三(三)3(2): 发展改革部门会同数据主管部门…合理测算经营成本及准许利润…科学核定运营机构最高准许收入'),
  TZ: null,
  ZJC: s('ZJC §三(五)5: 公共数据主管部门会同价格主管部门统筹制定公共数据定价管理制度; PN §2(1)'),
} satisfies Record<string, Sourced<PricingAuthorityPart> | null>;
