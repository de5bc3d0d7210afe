import type { VesselCategory } from '@seawarden/contracts';

/** Category colours on the dark theme (legend and icons share them). */
export const CATEGORY_COLORS: Record<VesselCategory, string> = {
  fishing: '#ffb74d',
  passenger: '#4fc3f7',
  leisure: '#f06292',
  cargo: '#81c784',
  tanker: '#ba9af0',
  service: '#e0e0e0',
  other: '#9aa5b1',
};
export const VESSEL_CATEGORIES = Object.keys(CATEGORY_COLORS) as VesselCategory[];

const SIZE = 24;

/**
 * Draws the vessel icons on a canvas (no sprite download): a pointed hull for vessels under
 * way, rotated by the map to the heading, and a round marker for stopped ones.
 */
export function drawVesselIcon(color: string, moving: boolean, pixelRatio: number): ImageData {
  const px = Math.round(SIZE * pixelRatio);
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#0b1622';
  ctx.fillStyle = color;
  ctx.beginPath();
  if (moving) {
    ctx.moveTo(12, 2);
    ctx.lineTo(18, 20);
    ctx.lineTo(12, 16.5);
    ctx.lineTo(6, 20);
    ctx.closePath();
  } else {
    ctx.arc(12, 12, 5.5, 0, Math.PI * 2);
  }
  ctx.fill();
  ctx.stroke();
  return ctx.getImageData(0, 0, px, px);
}

export function vesselIconName(category: VesselCategory, moving: boolean): string {
  return `vessel-${category}-${moving ? 'm' : 's'}`;
}

/** A `match` expression picking the category colour (for the dot layer). */
export function categoryColorExpression(): unknown[] {
  const expr: unknown[] = ['match', ['get', 'cat']];
  for (const [cat, color] of Object.entries(CATEGORY_COLORS)) expr.push(cat, color);
  expr.push(CATEGORY_COLORS.other);
  return expr;
}
