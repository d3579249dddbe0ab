/** Reading TronZap request bodies: each field checked in turn, failing with its documented code. */
import { z } from 'zod';
import { TronWeb } from 'tronweb';
import { ZapError } from './errors';
import { TIERS, tierFor, type ResourceService } from './pricing';

export const fieldsSchema = z.record(z.string(), z.unknown());
const addressSchema = z.string().refine((text) => /^T/.test(text) && TronWeb.isAddress(text));
const unitsSchema = z.number().int().positive();
const durationSchema = z.number().int();

/** The body as an object of fields, or code 2. */
export function readFields(body: unknown): Record<string, unknown> {
  const fields = fieldsSchema.safeParse(body);
  if (!fields.success) throw new ZapError('invalidRequest', 'The request body must be a JSON object');
  return fields.data;
}

/** A base58 TRON address, or code 10 naming the field. */
export function readAddress(value: unknown, field: string): string {
  const address = addressSchema.safeParse(value);
  if (!address.success) throw new ZapError('invalidAddress', `Invalid TRON address: ${field}`);
  return address.data;
}

/** Energy or bandwidth units and the duration in hours, checked against the tier that sells them. */
export function readResourceOrder(
  service: ResourceService,
  units: unknown,
  duration: unknown,
): { units: number; durationHours: number } {
  const tiers = TIERS[service];
  const minAmount = Math.min(...tiers.map((tier) => tier.minAmount));
  const maxAmount = Math.max(...tiers.map((tier) => tier.maxAmount));
  const amount = unitsSchema.safeParse(units);
  if (!amount.success || amount.data < minAmount || amount.data > maxAmount) {
    // Code 11 for both resources: seeds/002 documents no separate code for bandwidth.
    throw new ZapError('invalidAmount', `Invalid ${service} amount: from ${minAmount} to ${maxAmount}`);
  }
  // The SDKs default a missing duration to one hour.
  const hours = durationSchema.safeParse(duration ?? 1);
  const tier = hours.success ? tierFor(service, hours.data) : undefined;
  if (!tier) {
    const sold = tiers.map((t) => t.duration).join(' or ');
    throw new ZapError('invalidDuration', `Invalid duration: ${service} is sold for ${sold} hours`);
  }
  return { units: amount.data, durationHours: tier.duration };
}

/** The units of a `transaction/new` params object: `amount`, the deprecated `energy_amount`, or `amounts`. */
export function unitsFromParams(service: ResourceService, params: Record<string, unknown>): unknown {
  const amounts = fieldsSchema.safeParse(params.amounts);
  return (
    params.amount ??
    (service === 'energy' ? params.energy_amount : undefined) ??
    (amounts.success ? amounts.data[service] : undefined)
  );
}
