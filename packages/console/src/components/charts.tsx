/**
 * Small SVG charts: no chart library, no inline <style> (the CSP forbids it); colours come from
 * classes in styles.css. Numbers here are geometry only; labels show the exact strings given.
 */
import { useApp } from '../app-context';
import { fitLabel, labelLayout, niceMax, textWidth } from '../lib/chart-scale';
import { formatCompact } from '../lib/format';

const FONT = 11;

export interface BarDatum {
  label: string;
  value: number;
  display: string;
  tone?: number;
}

export function BarChart({ data, height: plotHeight = 220, title }: { data: BarDatum[]; height?: number; title: string }) {
  const { lang } = useApp();
  const width = 640;
  const pad0 = { l: 56, r: 12, t: 12 };
  const innerW = width - pad0.l - pad0.r;
  const band = data.length ? innerW / data.length : innerW;
  // Labels never collide: flat when they fit their band, else turned and cut (lib/chart-scale.ts).
  const layout = labelLayout(data.map((d) => d.label), band, FONT);
  const pad = { ...pad0, b: layout.bottom };
  const height = plotHeight - 48 + layout.bottom;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const innerH = height - pad.t - pad.b;
  const barW = Math.max(4, Math.min(48, band * 0.6));
  const y = (v: number) => pad.t + innerH - (max ? (v / max) * innerH : 0);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {ticks.map((v) => (
        <g key={v}>
          <line className="grid" x1={pad.l} x2={width - pad.r} y1={y(v)} y2={y(v)} />
          <text className="axis" x={pad.l - 6} y={y(v) + 4} textAnchor="end">
            {formatCompact(v, lang)}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const x = pad.l + band * i + (band - barW) / 2;
        const top = y(Math.max(0, d.value));
        return (
          <g key={`${d.label}-${i}`}>
            <rect className={`bar tone-${(d.tone ?? i) % 6}`} x={x} y={top} width={barW} height={Math.max(0, pad.t + innerH - top)}>
              <title>{`${d.label}: ${d.display}`}</title>
            </rect>
            {i % layout.every === 0 ? (
              layout.rotated ? (
                <text className="axis" x={x + barW / 2} y={height - pad.b + 12} textAnchor="end" transform={`rotate(-40 ${x + barW / 2} ${height - pad.b + 12})`}>
                  {fitLabel(d.label, layout.maxWidth, FONT)}
                </text>
              ) : (
                <text className="axis" x={x + barW / 2} y={height - pad.b + 16} textAnchor="middle">
                  {d.label}
                </text>
              )
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

export function LineChart({ points, height = 180, title }: { points: Array<{ label: string; value: number; display: string }>; height?: number; title: string }) {
  const { lang } = useApp();
  const width = 640;
  const pad = { l: 56, r: 16, t: 12, b: 36 };
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const innerW = width - pad.l - pad.r;
  const innerH = height - pad.t - pad.b;
  const x = (i: number) => pad.l + (points.length <= 1 ? innerW / 2 : (innerW * i) / (points.length - 1));
  const y = (v: number) => pad.t + innerH - (max ? (v / max) * innerH : 0);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  // Every n-th month only, so that neighbouring labels (centred on their point) never overlap.
  const step = points.length > 1 ? innerW / (points.length - 1) : innerW;
  const widest = Math.max(0, ...points.map((p) => textWidth(p.label, FONT)));
  const every = Math.max(1, Math.ceil((widest + 8) / step));
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line className="grid" x1={pad.l} x2={width - pad.r} y1={y(f * max)} y2={y(f * max)} />
          <text className="axis" x={pad.l - 6} y={y(f * max) + 4} textAnchor="end">
            {formatCompact(f * max, lang)}
          </text>
        </g>
      ))}
      <path className="line" d={path} />
      {points.map((p, i) => (
        <g key={p.label}>
          <circle className="dot" cx={x(i)} cy={y(p.value)} r={3.5}>
            <title>{`${p.label}: ${p.display}`}</title>
          </circle>
          {i % every === 0 ? (
            <text className="axis" x={x(i)} y={height - 12} textAnchor={i === 0 && points.length > 1 ? 'start' : i === points.length - 1 && points.length > 1 ? 'end' : 'middle'}>
              {p.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}

/**
 * MAR vs actual: a horizontal scale with the permitted band around the MAR shaded and a marker
 * for the actual revenue; the marker is red when outside the band.
 */
export function DeviationBand({ mar, actual, bandPercent, title, inBand, marLabel }: { mar: number; actual: number; bandPercent: number; title: string; inBand: boolean; marLabel: string }) {
  const { lang } = useApp();
  const width = 640;
  const height = 64;
  const lo = mar * (1 - bandPercent / 100);
  const hi = mar * (1 + bandPercent / 100);
  const max = niceMax(Math.max(hi, actual) * 1.1) || 1;
  const x = (v: number) => 12 + ((width - 24) * Math.max(0, v)) / max;
  return (
    <svg className="chart deviation" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      <line className="grid" x1={12} x2={width - 12} y1={32} y2={32} />
      <rect className="band" x={x(lo)} y={18} width={Math.max(1, x(hi) - x(lo))} height={28} />
      <line className="mar" x1={x(mar)} x2={x(mar)} y1={12} y2={52} />
      <circle className={inBand ? 'actual ok' : 'actual bad'} cx={x(actual)} cy={32} r={7} />
      <text className="axis" x={x(mar)} y={10} textAnchor="middle">
        {marLabel}
      </text>
      <text className="axis" x={12} y={62}>
        0
      </text>
      <text className="axis" x={width - 12} y={62} textAnchor="end">
        {formatCompact(max, lang)}
      </text>
    </svg>
  );
}
