/**
 * What the Activity list says about a job, in words: its kind, its state and one line of what it is
 * about (a rental's energy and receiver, a check's address and verdict, a purchase's credits).
 * Job data is read defensively: an older or unknown record still gets a title and its state.
 */
import { AML_CHECK_KIND, CREDIT_PURCHASE_KIND } from '@/lib/aml/job-names';
import { NRG_CLAIM_KIND, ENERGY_ORDER_KIND, WALLET_TOPUP_KIND, ZAP_ORDER_KIND } from '@/lib/energy/job-names';
import { PAYMENT_WATCH_KIND } from '@/lib/payments/views';
import type { JobView } from '@/lib/app-view';
import { levelText, shortAddress, tk } from '../aml/format';
import { energyForDisplay, trxForDisplay } from '../energy/format';
import { countText } from '@/lib/locale';

export interface JobWords {
  title: string;
  state: string;
  /** What the job is about; null when its data does not say. */
  detail: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
const sunText = (value: unknown): string | null => {
  const found = text(value);
  return found && /^\d+$/.test(found) ? found : null;
};

/** A state word from `prefix.<state>`, or the state itself when the catalog has none. */
function stateWord(prefix: string, state: string): string {
  const word = tk(`${prefix}.${state}`);
  return word && word !== `${prefix}.${state}` ? word : state;
}

/** "65,000 energy · 4 TRX · to TGABsd…bN1AXc" from what a rental or an energy order stores. */
function energyDetail(job: JobView): string | null {
  const energy = count(job.data.energy);
  const receiver = text(job.data.receiver);
  const price = sunText(job.data.priceSun);
  const parts = [
    energy !== null ? tk('energy.history.energy', [energyForDisplay(energy)]) : null,
    price !== null ? tk('energy.history.cost', [trxForDisplay(price)]) : null,
    receiver ? tk('energy.history.to', [shortAddress(receiver)]) : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function rental(job: JobView): JobWords {
  return {
    title: tk('activity.kinds.rental'),
    state: stateWord('energy.status', job.state),
    detail: energyDetail(job),
  };
}

function check(job: JobView): JobWords {
  const address = text(job.data.address);
  const result = job.data.result as { level?: unknown; score?: unknown } | null | undefined;
  const score = count(result?.score);
  const verdict =
    job.state === 'completed' && result && score !== null
      ? tk('aml.job.done', [levelText(text(result.level)), String(score)])
      : null;
  return {
    title: tk('activity.kinds.check'),
    state: stateWord('aml.job.states', job.state),
    detail: [address ? shortAddress(address) : null, verdict].filter(Boolean).join(' · ') || null,
  };
}

function purchase(job: JobView): JobWords {
  const credits = count(job.data.credits);
  return {
    title: tk('activity.kinds.purchase'),
    state: stateWord('aml.purchaseJob', job.state),
    detail: credits !== null ? countText('activity.credits', credits) : null,
  };
}

function zapOrder(job: JobView): JobWords {
  const energy = count(job.data.amount);
  const receiver = text(job.data.receiver);
  const price = sunText(job.data.priceSun);
  const parts = [
    job.data.service === 'activate_address'
      ? tk('energy.zap.activate')
      : energy !== null
        ? tk('energy.history.energy', [energyForDisplay(energy)])
        : null,
    price !== null ? tk('energy.history.cost', [trxForDisplay(price)]) : null,
    receiver ? tk('energy.history.to', [shortAddress(receiver)]) : null,
  ].filter((part): part is string => part !== null);
  return {
    title: tk('activity.kinds.zapOrder'),
    state: stateWord('energy.zap.states', job.state),
    detail: parts.length > 0 ? parts.join(' · ') : null,
  };
}

function energyOrder(job: JobView): JobWords {
  return {
    title: tk('energy.offers.orderHeading'),
    state: stateWord('energy.offers.orderStates', job.state),
    detail: energyDetail(job),
  };
}

function walletTopup(job: JobView): JobWords {
  const amount = sunText(job.data.amountSun);
  const txid = text(job.data.txid);
  const parts = [
    amount !== null ? tk('twoamlEnergy.trx', [trxForDisplay(amount)]) : null,
    txid ? tk('twoamlEnergy.topup.payment', [shortAddress(txid)]) : null,
  ].filter((part): part is string => part !== null);
  return {
    title: tk('activity.kinds.topup'),
    state: stateWord('twoamlEnergy.topup.states', job.state),
    detail: parts.length > 0 ? parts.join(' · ') : null,
  };
}

function paymentWatch(job: JobView): JobWords {
  const amount = text(job.data.amountCrypto);
  const asset = text(job.data.asset);
  const id = text(job.data.transactionId);
  const parts = [amount && asset ? `${amount} ${asset}` : null, id].filter(Boolean);
  return {
    title: tk('activity.kinds.payment'),
    state: stateWord('payments.status', job.state),
    detail: parts.length > 0 ? parts.join(' · ') : null,
  };
}

/** The words for one job of any kind. */
export function describeJob(job: JobView): JobWords {
  switch (job.kind) {
    case NRG_CLAIM_KIND:
      return rental(job);
    case AML_CHECK_KIND:
      return check(job);
    case CREDIT_PURCHASE_KIND:
      return purchase(job);
    case ZAP_ORDER_KIND:
      return zapOrder(job);
    case ENERGY_ORDER_KIND:
      return energyOrder(job);
    case WALLET_TOPUP_KIND:
      return walletTopup(job);
    case PAYMENT_WATCH_KIND:
      return paymentWatch(job);
    default:
      return { title: tk('activity.kinds.other'), state: job.state, detail: null };
  }
}
