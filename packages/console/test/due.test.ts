/** The Due badge as rendered (server-side, no browser): an overdue item says overdue. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  const store = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
  };
  Object.assign(globalThis, { localStorage: store(), sessionStorage: store() });
});

async function render(props: { on: string; overdue?: boolean; today: string }): Promise<string> {
  const { AppProvider } = await import('../src/app-context');
  const { Due } = await import('../src/components/ui');
  return renderToStaticMarkup(createElement(AppProvider, null, createElement(Due, props)));
}

describe('Due', () => {
  it('a past date is overdue even when the caller passes overdue={false}', async () => {
    const html = await render({ on: '2026-10-01', overdue: false, today: '2026-11-02' });
    expect(html).not.toMatch(/-\d+ 天后到期/);
    expect(html).toContain('逾期 32 天');
    expect(html).toContain('2026年10月1日');
  });
  it('counts down an upcoming date and flags the API overdue flag', async () => {
    expect(await render({ on: '2026-11-05', today: '2026-11-02' })).toContain('3 天后到期');
    expect(await render({ on: '2026-11-05', overdue: true, today: '2026-11-02' })).toContain('已逾期');
  });
});
