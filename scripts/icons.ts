/**
 * Writes the web app icons (public/icons/*.png) with a tiny PNG encoder (node:zlib): the favicon's
 * design — three white bars rising on the site's dark blue (#17406b, 10.6:1 against white) — at 192 and
 * 512 px, plus maskable versions whose bars stay inside the central safe zone (a circle of 80 %).
 * Run: `node scripts/icons.ts`. Deterministic: the same bytes every run.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const BG = [0x17, 0x40, 0x6b] as const;
const FG = [0xff, 0xff, 0xff] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGB PNG of `size`² pixels; `paint(x, y)` says whether a pixel is foreground. */
export function png(size: number, paint: (x: number, y: number) => boolean): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const c = paint(x, y) ? FG : BG;
      raw.set(c, row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The favicon's bars (in a 32-unit box), scaled by `scale` around the centre. */
function bars(size: number, scale: number): (x: number, y: number) => boolean {
  const rects = [
    [6, 17, 5, 9],
    [13.5, 11, 5, 15],
    [21, 6, 5, 20],
  ] as const;
  const u = (size / 32) * scale;
  const off = (size - 32 * u) / 2;
  return (x, y) => {
    const px = (x + 0.5 - off) / u;
    const py = (y + 0.5 - off) / u;
    return rects.some(([rx, ry, w, h]) => px >= rx && px < rx + w && py >= ry && py < ry + h);
  };
}

const out = path.resolve(import.meta.dirname, "../public/icons");
fs.mkdirSync(out, { recursive: true });
for (const size of [192, 512]) {
  // "any": the favicon's proportions; maskable: bars shrunk to fit the 80 % safe circle.
  fs.writeFileSync(path.join(out, `icon-${size}.png`), png(size, bars(size, 1)));
  fs.writeFileSync(path.join(out, `maskable-${size}.png`), png(size, bars(size, 0.7)));
}
console.log(`wrote ${fs.readdirSync(out).join(", ")} to ${out}`);
