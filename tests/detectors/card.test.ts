import { describe, expect, it } from 'vitest';
import { card, CARD_PLACEHOLDERS, luhnIsValid } from '../../detectors/card.js';
import {
  cardGroups, cardNumber, grouped, sirenFrom, siretFrom, withLuhn, wrongKey,
} from '../helpers/identifiers-extra.js';
import { testDetector } from '../helpers/detector-tester.js';

// Computed from arbitrary digits: known issuer ranges, valid Luhn keys, nobody's card.
const VISA = cardNumber('4970', 16, 11);
const VISA13 = cardNumber('4', 13, 12);
const VISA19 = cardNumber('4', 19, 13);
const MC = cardNumber('5412', 16, 14);
const MC2 = cardNumber('2720', 16, 15);
const MC_2221 = cardNumber('2221', 16, 16);
const AMEX = cardNumber('3714', 15, 17);
const DISCOVER = cardNumber('6011', 16, 18);
const DISCOVER19 = cardNumber('644', 19, 19);
const JCB = cardNumber('3530', 16, 20);
const DINERS = cardNumber('3600', 14, 21);
const UNIONPAY = cardNumber('6212', 19, 22);
const MAESTRO13 = cardNumber('5018', 13, 23);
const MAESTRO19 = cardNumber('6759', 19, 24);
// Lengths rarely issued: reported only with a card keyword on the line.
const MAESTRO15 = cardNumber('6759', 15, 25);
const DISCOVER17 = cardNumber('6011', 17, 26);
const EAN_LIKE = cardNumber('40', 13, 27); // also the length and first digits of a German EAN-13 barcode

/** First two digits and the check digit shown, layout kept. */
const masked = (value: string) =>
  value.replace(/[0-9]/g, (d, i: number) => (i < 2 || i === value.length - 1 ? d : '•'));

describe('card fixtures', () => {
  it('are Luhn-valid, and the 14-digit Diners number is no SIRET', () => {
    const all = [VISA, VISA13, VISA19, MC, MC2, MC_2221, AMEX, DISCOVER, DISCOVER19, JCB, DINERS, UNIONPAY];
    for (const n of [...all, MAESTRO13, MAESTRO15, MAESTRO19, DISCOVER17, EAN_LIKE]) {
      expect(luhnIsValid(n), n).toBe(true);
    }
    expect(luhnIsValid(DINERS.slice(0, 9))).toBe(false);
  });
});

testDetector(card, {
  flagged: [
    // Compact and printed layouts.
    { code: VISA, masked: masked(VISA), column: 1 },
    { code: `CB : ${cardGroups(VISA)}`, masked: masked(cardGroups(VISA)), column: 6 },
    { code: `card_number=${cardGroups(MC, '-')}`, masked: masked(cardGroups(MC, '-')), column: 13 },
    { code: `"pan": "${MC2}"`, column: 9 },
    cardGroups(MC_2221),
    { code: grouped(AMEX, [4, 6, 5]), masked: masked(grouped(AMEX, [4, 6, 5])) },
    grouped(AMEX, [4, 6, 5], '-'),
    AMEX,
    DISCOVER,
    cardGroups(DISCOVER19),
    JCB,
    cardGroups(JCB, '-'),
    DINERS,
    grouped(DINERS, [4, 6, 4]),
    UNIONPAY,
    cardGroups(UNIONPAY),
    VISA19,
    MAESTRO19,
    // Rare lengths, with a keyword on the line.
    `visa: ${VISA13}`,
    `carte ${MAESTRO13}`,
    `cardNumber = "${MAESTRO15}"`,
    `CB ${DISCOVER17}`,
    // In code, CSV, prose and markup.
    `Dupont;${VISA};12/27`,
    `Dupont,${cardGroups(VISA)},12/27`,
    `Visa ${cardGroups(VISA)} exp 12/27`,
    `${cardGroups(VISA)} 12/27`,
    `<input value="${cardGroups(MC)}">`,
    `Carte bancaire n° ${cardGroups(VISA)}.`,
    `Visa-${cardGroups(VISA, '-')}`,
    `(${JCB})`,
    { code: `${VISA}\n${cardGroups(MC)}`, count: 2 },
    { code: `cards: [${AMEX}, ${DISCOVER}]`, count: 2 },
  ],
  clean: [
    // Processor test cards, compact and grouped.
    ...[...CARD_PLACEHOLDERS],
    '4111 1111 1111 1111',
    '4242-4242-4242-4242',
    '5555 5555 5555 4444',
    '3782 822463 10005',
    '6011 0009 9013 9424',
    // Repeated digits, runs, padded test ranges (all Luhn-valid).
    withLuhn('444444444444444'),
    withLuhn('555555555555555'),
    withLuhn('456789012345678'),
    withLuhn('654321098765432'),
    withLuhn('550000000000000'),
    withLuhn('60110000000000000'),
    withLuhn('34000000000000'),
    // Wrong Luhn key, issuers and lengths.
    wrongKey(VISA),
    cardGroups(wrongKey(MC)),
    wrongKey(AMEX),
    cardNumber('4', 15, 30), // Visa issues 13, 16 or 19 digits
    cardNumber('4', 17, 31),
    cardNumber('37', 16, 32), // Amex: 15
    cardNumber('51', 19, 33), // Mastercard: 16
    cardNumber('2721', 16, 34), // beyond Mastercard's 2-series
    cardNumber('7', 16, 35), // no issuer starts with 7, 8, 9, 0 or 1
    cardNumber('9', 16, 36),
    cardNumber('1', 16, 37),
    cardNumber('5', 12, 38), // Maestro's 12-digit cards: too short to tell
    // Rare lengths without a keyword: EAN-13 barcodes, ids, amounts in cents.
    VISA13,
    MAESTRO13,
    MAESTRO15,
    DISCOVER17,
    `ean: ${EAN_LIKE}`,
    // Timestamps in ms, µs, ns and other long numbers that start with 1.
    '1700000000000',
    '1700000000000000',
    '1700000000000000000',
    // Layouts that are not a card's.
    `${VISA.slice(0, 4)} ${VISA.slice(4, 8)}-${VISA.slice(8, 12)} ${VISA.slice(12)}`,
    cardGroups(VISA).replace(/ /g, '  '),
    grouped(VISA, [4, 4, 8]),
    grouped(VISA, [8, 8]),
    // Inside longer things: letters or digits glued, decimals, versions, IBAN groups, UUIDs, a longer group run.
    `x${VISA}`,
    `${VISA}a`,
    `${VISA}0`,
    `0.${VISA}`,
    `${VISA}.5`,
    `v2.${MC}`,
    `FR76 ${cardGroups(VISA)} 189`,
    `FR14 2004 ${cardGroups(MC)}`,
    `${cardGroups(VISA)} 1234 5678`,
    `12345678-${cardGroups(VISA, '-')}`,
    `${cardGroups(VISA, '-')}-abcd`,
    `0612 ${cardGroups(VISA)}`,
    // A 14-digit number whose SIREN part is valid is a SIRET (left to the siret detector).
    siretFrom(sirenFrom('36252187'), '0003'),
    siretFrom(sirenFrom('50417336'), '0001'),
    // Phone numbers, amounts, dates.
    '06 71 24 38 95',
    '+33 6 71 24 38 95',
    '4 970 123 456 789,00 €',
    '2024-01-15 12:30:45',
  ],
});
