/**
 * A briefing as a list of blocks, made once from the figures and rendered twice: to DOCX
 * (what offices edit) and to PDF. Both renderers walk the same blocks, so the two files
 * always say the same thing.
 */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] }
  | { kind: 'image'; png: Buffer; width: number; height: number; caption: string };

export interface BriefingContent {
  title: string;
  blocks: Block[];
}

/** A whole number with thousands separators, as Chinese documents print them. */
export const integer = (value: number): string => value.toLocaleString('zh-CN');

/** A share as a percentage with one decimal: 0.8234 → 82.3%. */
export const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** 同比: "上升 12.5%", "下降 3.0%", "持平", or "上年同期为 0" when there is nothing to compare. */
export function yearOnYear(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? '持平' : '上年同期为 0';
  const change = (current - previous) / previous;
  if (change === 0) return '持平';
  return `${change > 0 ? '上升' : '下降'} ${Math.abs(change * 100).toFixed(1)}%`;
}
