/**
 * The sector taxonomy (行业领域) of the catalog: the sectors the seed documents name. Stored as lower-case codes because
 * licensing agreements scope BY_DOMAIN authorizations with the same codes. Shared because the catalog and products both
 * declare `DataResource.sector` (a shared field, docs/architecture.md): the enum must be the same in both subgraphs.
 */
export const SECTORS = {
  credit: '信用',
  transport: '交通运输',
  health: '医疗健康',
  employment: '就业',
  social_security: '社会保障',
  geography: '地理空间',
  culture: '文化',
  education: '教育',
  science: '科技',
  natural_resources: '自然资源',
  agriculture: '农业农村',
  environment: '生态环境',
  emergency: '应急管理',
  finance: '金融财税',
  quality: '质量监督',
  statistics: '统计',
  weather: '气象',
  enterprise_registration: '企业登记',
  medical_insurance: '医疗保障',
  housing: '住房',
  housing_fund: '住房公积金',
  commerce: '商务',
  logistics: '物流',
  industry: '工业',
  sport: '体育',
  tourism: '文化旅游',
  public_safety: '公共安全',
  utilities: '公用事业（水电气）',
  civil_affairs: '民政',
} as const;
export type SectorCode = keyof typeof SECTORS;
export const isSector = (s: unknown): s is SectorCode => typeof s === 'string' && Object.hasOwn(SECTORS, s);

export const SECTOR_EN: Record<SectorCode, string> = {
  credit: 'Credit', transport: 'Transport', health: 'Health care', employment: 'Employment', social_security: 'Social security',
  geography: 'Geospatial', culture: 'Culture', education: 'Education', science: 'Science and technology',
  natural_resources: 'Natural resources', agriculture: 'Agriculture and rural affairs', environment: 'Ecology and environment',
  emergency: 'Emergency management', finance: 'Finance and tax', quality: 'Quality supervision', statistics: 'Statistics',
  weather: 'Meteorology', enterprise_registration: 'Enterprise registration', medical_insurance: 'Medical insurance',
  housing: 'Housing', housing_fund: 'Housing provident fund', commerce: 'Commerce', logistics: 'Logistics', industry: 'Industry',
  sport: 'Sport', tourism: 'Culture and tourism', public_safety: 'Public safety', utilities: 'Utilities (water, power, gas)',
  civil_affairs: 'Civil affairs',
};

/** The GraphQL enum `CatalogSector`: upper-case names for the stored lower-case codes, each described in both languages. */
export const CATALOG_SECTOR_ENUM = Object.fromEntries(Object.keys(SECTORS).map((k) => [k.toUpperCase(), k])) as Record<string, string>;
export const CATALOG_SECTOR_TERMS: Record<string, string> = Object.fromEntries(
  (Object.entries(SECTORS) as [SectorCode, string][]).map(([k, zh]) => [k.toUpperCase(), `${zh} | ${SECTOR_EN[k]}`]),
);
