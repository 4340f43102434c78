/** Near-misses: the everyday numbers of code and data (decimals, versions, UUIDs, timestamps, hex, long numbers). */
import { longNumber, noChecksum, pad, upperRef } from './pii.js';
import type { Rng } from './rng.js';

/** The everyday numbers of code and data that a sloppy pattern would flag. */
export function nearMiss(r: Rng): string {
  switch (r.int(0, 13)) {
    case 0: return `${r.int(0, 9999)}.${r.digits(r.int(1, 6))}`;
    case 1: return `${r.int(0, 12)}.${r.int(0, 40)}.${r.int(0, 99)}`;
    case 2: return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${r.pick(['8', '9', 'a', 'b'])}${r.hex(3)}-${r.hex(12)}`;
    case 3: return `20${pad(r.int(10, 25), 2)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}T${pad(r.int(0, 23), 2)}:${pad(r.int(0, 59), 2)}:${pad(r.int(0, 59), 2)}Z`;
    case 4: return String(r.int(1_500_000_000, 1_800_000_000));
    case 5: return String(r.int(1_500_000_000, 1_800_000_000)) + r.digits(3);
    case 6: return r.hex(40);
    case 7: return `#${r.hex(6)}`;
    case 8: return longNumber(r, r.int(10, 15));
    case 9: return noChecksum(`${r.int(100, 999)} ${r.digits(3)} ${r.digits(3)} ${r.digits(5)}`);
    case 10: return `${r.int(10, 192)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
    case 11: return upperRef(r);
    case 12: return `0x${r.hex(r.int(4, 16))}`;
    default: return `${r.int(1, 99)} ${r.digits(3)},${r.digits(2)}`;
  }
}
