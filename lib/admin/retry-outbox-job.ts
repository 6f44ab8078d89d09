import { rpc, serviceCaller } from '@/lib/db';
import { JOB_LEASE_SECONDS, performJob } from '@/lib/outbox/process-outbox';
import { deliveryOf, type Delivery } from '@/lib/notifications/system-routes/queue-and-attempt';

/**
 * An admin's retry of one outbox job (the button of /admin/outbox): makes it due now (a
 * given-up job gets one more attempt) and performs it inline through the same handler as
 * the processor, so calendar jobs keep their deterministic event ids and nothing is sent
 * twice. A job that succeeded already is answered as it is.
 */
export async function retryOutboxJob(jobId: string): Promise<Delivery> {
  const { status } = await rpc('requeue_outbox_job', { p_job_id: jobId }, serviceCaller);
  if (status === 'pending') {
    const [job] = await rpc('claim_outbox_job', { p_job_id: jobId, p_lease_seconds: JOB_LEASE_SECONDS }, serviceCaller);
    if (job) await performJob(job);
  }
  return deliveryOf(jobId);
}
