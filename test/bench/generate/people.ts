import type { Random } from './random';
import {
  COMMUNITIES,
  COMMUNITY_NAMES,
  COMPANY_PARTS,
  CITY_DISTRICTS,
  GIVEN_CHARS,
  MOBILE_PREFIXES,
  STREETS,
  SUBURB_DISTRICTS,
  SURNAME_WEIGHTS,
  SURNAMES,
} from './vocabulary';

/** Chinese names, Beijing addresses and phone numbers that look like a real customer file. */

export function personName(rng: Random): string {
  const surname = rng.weighted(SURNAMES, SURNAME_WEIGHTS);
  // About a third of Chinese personal names have two characters (the case trigram search cannot see).
  const givenLength = rng.chance(0.33) ? 1 : 2;
  let given = '';
  for (let i = 0; i < givenLength; i++) given += rng.pick(GIVEN_CHARS);
  return surname + given;
}

export function customerName(rng: Random): string {
  if (!rng.chance(0.05)) return personName(rng);
  return rng.pick(COMPANY_PARTS.prefixes) + rng.pick(COMPANY_PARTS.cores) + rng.pick(COMPANY_PARTS.suffixes);
}

export function address(rng: Random, district: 'city' | 'suburb'): string {
  const area = rng.pick(district === 'city' ? CITY_DISTRICTS : SUBURB_DISTRICTS);
  const street = `${rng.pick(STREETS)}${rng.int(1, 280)}号`;
  if (rng.chance(0.3)) return `北京市${area}${street}`;
  const estate = `${rng.pick(COMMUNITY_NAMES)}${rng.pick(COMMUNITIES)}`;
  return `北京市${area}${street}${estate}${rng.int(1, 32)}号楼${rng.int(1, 6)}单元${rng.int(1, 28)}0${rng.int(1, 4)}`;
}

/** A phone as a clerk would have typed it: mostly plain mobiles, some with separators, some Beijing landlines. */
export function phone(rng: Random, allowLandline: boolean): string {
  if (allowLandline && rng.chance(0.3)) return `010-${rng.int(5, 8)}${rng.chars('0123456789', 7)}`;
  const digits = rng.pick(MOBILE_PREFIXES) + rng.chars('0123456789', 8);
  const style = rng.next();
  if (style < 0.8) return digits;
  if (style < 0.9) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
}
