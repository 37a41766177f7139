import type { SubgraphRuntime, UnitOfWork } from '@pdo/platform';
import { demoId, orgByKey } from '@pdo/demo';
import { DataResourceEntity } from './entities/data-resource.js';

const RESOURCES = [
  { key: 'hn-enterprise-registration', jurisdiction: 'HN', code: 'HN-SJ-0001', nameZh: '企业登记注册信息', descriptionZh: '市场主体登记、变更、注销信息', agency: 'hn-src-market' },
  { key: 'hn-freight-vehicles', jurisdiction: 'HN', code: 'HN-JT-0001', nameZh: '道路货运车辆信息', descriptionZh: '道路货运车辆及营运证信息', agency: 'hn-src-transport' },
  { key: 'jl-housing-transactions', jurisdiction: 'JL', code: 'JL-ZJ-0001', nameZh: '商品房网签备案信息', descriptionZh: '新建商品房及存量房网签备案', agency: 'jl-src-housing' },
];

export async function seed(uow: UnitOfWork, _rt: SubgraphRuntime<unknown>): Promise<void> {
  const now = new Date();
  for (const r of RESOURCES) {
    uow.tx.create(DataResourceEntity, {
      id: demoId(`resource:${r.key}`),
      jurisdiction: r.jurisdiction,
      code: r.code,
      nameZh: r.nameZh,
      descriptionZh: r.descriptionZh,
      sourceAgencyId: orgByKey(r.agency).id,
      createdAt: now,
      updatedAt: now,
    });
  }
}
