import { csv, day, enterpriseCode, idNumber, int, pad, personName, pick, prng, type DemoLoad } from './demo-generators.js';
import { demoProductLoads } from './demo-product-rows.js';

export type { DemoLoad };

/**
 * The demo world's raw data (数据归集), one load per resource a demo product reads, deterministic:
 * the same rows and hashes on every run (generators: demo-generators.ts).
 */
export function demoLoads(): DemoLoad[] {
  const loads: DemoLoad[] = [];
  {
    const r = prng('hn-enterprise-registration');
    const trades = ['科技', '物流', '商贸', '建材', '农业', '信息技术', '食品', '机械'];
    const cities = ['郑州', '洛阳', '开封', '新乡', '许昌'];
    const rows = Array.from({ length: 800 }, (_, i) => [
      enterpriseCode('410100', i + 1),
      `${pick(r, cities)}${pick(r, ['华', '中', '豫', '嵩', '黄河', '中原'])}${pick(r, ['源', '达', '通', '信', '盛', '丰'])}${pick(r, trades)}有限公司${i + 1}号`,
      personName(r),
      day('1998-01-01', int(r, 0, 26 * 365)),
      r() < 0.1 ? null : `${int(r, 10, 50_000)}.${pad(int(r, 0, 99), 2)}`,
    ]);
    loads.push({ resourceKey: 'hn-enterprise-registration', format: 'CSV', content: csv(['uscc', 'name', 'legal_rep', 'established_on', 'registered_capital_wan'], rows) });
  }
  {
    const r = prng('hn-freight-vehicles');
    const types = ['重型半挂牵引车', '重型厢式货车', '中型厢式货车', '轻型厢式货车', '重型仓栅式货车'];
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXY';
    const rows = Array.from({ length: 1200 }, (_, i) => {
      const type = pick(r, types);
      const tons = type.startsWith('重型') ? int(r, 180, 490) : type.startsWith('中型') ? int(r, 50, 170) : int(r, 10, 45);
      return [
        `HN-VEH-${pad(i + 1, 6)}`,
        `2026-11-${pad(int(r, 1, 28), 2)}T${pad(int(r, 0, 23), 2)}:${pad(int(r, 0, 59), 2)}:00+08:00`,
        `豫${pick(r, ['A', 'B', 'C', 'G', 'K'])}${letters[int(r, 0, letters.length - 1)]}${pad(int(r, 0, 9999), 4)}`,
        type,
        `${Math.floor(tons / 10)}.${tons % 10}`,
        day('2012-01-01', int(r, 0, 14 * 365)),
        r() < 0.05 ? null : enterpriseCode('410100', int(r, 1, 800)),
      ];
    });
    loads.push({ resourceKey: 'hn-freight-vehicles', format: 'CSV', content: csv(['record_id', 'updated_at', 'plate_no', 'vehicle_type', 'load_tons', 'registered_on', 'owner_uscc'], rows) });
  }
  {
    const r = prng('jl-marriage');
    const districts = ['南关区', '宽城区', '朝阳区', '二道区', '绿园区', '双阳区'];
    const rows = Array.from({ length: 600 }, () => [idNumber(r, pick(r, ['220102', '220103', '220104', '220105', '220106'])), day('2020-01-01', int(r, 0, 6 * 365)), r() < 0.82 ? '结婚' : '离婚', r() < 0.03 ? null : pick(r, districts)]);
    loads.push({ resourceKey: 'jl-marriage', format: 'CSV', content: csv(['id_no', 'registered_on', 'kind', 'district'], rows) });
  }
  {
    const r = prng('zjc-traffic-flow');
    const lines: string[] = [];
    let n = 0;
    for (const checkpoint of ['ZJC-KK-01', 'ZJC-KK-02', 'ZJC-KK-03', 'ZJC-KK-04', 'ZJC-KK-05', 'ZJC-KK-06']) {
      for (let h = 0; h < 24 * 7; h++) {
        const hourOfDay = h % 24;
        const peak = hourOfDay >= 7 && hourOfDay <= 9 ? 3 : hourOfDay >= 17 && hourOfDay <= 19 ? 2.6 : hourOfDay < 6 ? 0.3 : 1.4;
        const start = new Date(Date.parse('2026-11-23T00:00:00+08:00') + h * 3_600_000);
        const local = new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
        lines.push(JSON.stringify({
          record_id: `ZJC-TF-${pad(++n, 6)}`,
          updated_at: '2026-12-01T02:00:00+08:00',
          checkpoint_id: checkpoint,
          hour_start: `${local}+08:00`,
          vehicle_count: Math.round(int(r, 180, 260) * peak),
          avg_speed_kmh: r() < 0.02 ? null : `${int(r, 25, 68)}.${int(r, 0, 9)}`,
        }));
      }
    }
    loads.push({ resourceKey: 'zjc-traffic-flow', format: 'JSONL', content: lines.join('\n') + '\n' });
  }
  {
    const r = prng('tz-weather');
    const lines: string[] = [];
    let n = 0;
    for (let s = 1; s <= 10; s++) {
      for (let h = 0; h < 72; h++) {
        const local = new Date(Date.parse('2026-11-28T00:00:00Z') + h * 3_600_000).toISOString().slice(0, 19);
        const t = 8 + 6 * Math.sin(((h % 24) - 9) / 24 * 2 * Math.PI) + int(r, -10, 10) / 10;
        lines.push(JSON.stringify({
          record_id: `TZ-QX-${pad(++n, 6)}`,
          updated_at: `${local}+08:00`,
          station_id: `TZ-AWS-${pad(s, 3)}`,
          observed_at: `${local}+08:00`,
          temperature_c: (Math.round(t * 10) / 10).toFixed(1),
          precipitation_mm: r() < 0.08 ? null : r() < 0.8 ? '0.0' : `${int(r, 1, 120) / 10}`,
        }));
      }
    }
    loads.push({ resourceKey: 'tz-weather', format: 'JSONL', content: lines.join('\n') + '\n' });
  }
  return [...loads, ...demoProductLoads(loads.find((l) => l.resourceKey === 'hn-freight-vehicles')!)];
}
