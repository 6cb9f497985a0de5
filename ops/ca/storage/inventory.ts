import { PUBLIC_MODE, readText, writeFileAtomic } from './ca-files.js';
import type { x509 } from '../x509/x509.js';

/** A serial as Puppet writes it: upper-case hex, zero-padded to four digits (`serial`, `inventory.txt`). */
export const formatSerial = (serial: bigint): string => serial.toString(16).toUpperCase().padStart(4, '0');

/** A serial as @peculiar/x509 takes it: hex with an even number of digits. */
export const serialHex = (serial: bigint): string => {
  const hex = serial.toString(16);
  return hex.length % 2 === 0 ? hex : `0${hex}`;
};

export const certSerial = (cert: { readonly serialNumber: string }): bigint => BigInt(`0x${cert.serialNumber}`);

/** The next serial from the `serial` file, which then holds the one after it. */
export function takeSerial(path: string): bigint {
  const text = readText(path)?.trim() ?? '';
  if (!/^[0-9a-fA-F]+$/.test(text)) throw new Error(`${path} does not hold a hexadecimal serial number`);
  const serial = BigInt(`0x${text}`);
  writeFileAtomic(path, formatSerial(serial + 1n), PUBLIC_MODE);
  return serial;
}

/** `2020-08-19T20:23:52UTC`, the inventory's date format. */
export const inventoryDate = (d: Date): string => `${d.toISOString().slice(0, 19)}UTC`;
const parseInventoryDate = (text: string): number => Date.parse(text.replace(/UTC$/, 'Z'));

/**
 * Appends `0xSERIAL NOT_BEFORE NOT_AFTER /SUBJECT` for an issued
 * certificate, rewriting the file whole as puppetserver does.
 */
export function recordIssued(path: string, cert: x509.X509Certificate): void {
  const line = `0x${formatSerial(certSerial(cert))} ${inventoryDate(cert.notBefore)} ${inventoryDate(cert.notAfter)} /${cert.subject}\n`;
  writeFileAtomic(path, (readText(path) ?? '') + line, PUBLIC_MODE);
}

/** Serials of the certname's unexpired certificates in the inventory (puppetserver's `find-matching-valid-serial-numbers`). */
export function unexpiredSerials(path: string, certname: string, now = Date.now()): bigint[] {
  return inventoryRows(path)
    .filter((r) => r.subject === `/CN=${certname}` && r.notAfter > now)
    .map((r) => r.serial);
}

interface InventoryRow {
  readonly serial: bigint;
  readonly notAfter: number;
  readonly subject: string | undefined;
}

function inventoryRows(path: string): InventoryRow[] {
  return (readText(path) ?? '').split('\n').flatMap((line) => {
    const [serial, , notAfter, subject] = line.split(' ');
    if (!serial || !/^0x[0-9a-fA-F]+$/.test(serial)) return [];
    return [{ serial: BigInt(serial), notAfter: parseInventoryDate(notAfter ?? ''), subject }];
  });
}
