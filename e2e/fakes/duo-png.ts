import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const MODULES = 25;
const SCALE = 6;
const QUIET = 4;

/**
 * A stand-in for Duo's activation barcode: a real PNG with a QR-like pattern derived from the value
 * (three finder squares and hash bits), not a scannable code. Enough for the app to fetch, check and
 * serve it as Duo's image.
 */
export function barcodePng(value: string): Buffer {
  const bits = createHash('sha256').update(value).digest();
  const dark = (x: number, y: number) => {
    const finder = [
      [0, 0],
      [MODULES - 7, 0],
      [0, MODULES - 7],
    ].find(([fx, fy]) => x >= fx && x < fx + 7 && y >= fy && y < fy + 7);
    if (finder) {
      const [dx, dy] = [x - finder[0], y - finder[1]];
      const ring = Math.min(dx, dy, 6 - dx, 6 - dy);
      return ring !== 1;
    }
    const index = y * MODULES + x;
    return ((bits[index % bits.length] >> (index % 8)) & 1) === 1;
  };
  const size = (MODULES + 2 * QUIET) * SCALE;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(size + 1); // filter byte 0, then one grey byte per pixel
    for (let px = 0; px < size; px++) {
      const [x, y] = [Math.floor(px / SCALE) - QUIET, Math.floor(py / SCALE) - QUIET];
      const inside = x >= 0 && y >= 0 && x < MODULES && y < MODULES;
      row[px + 1] = inside && dark(x, y) ? 0 : 255;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
