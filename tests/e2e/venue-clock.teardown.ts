import { test as teardown } from '@playwright/test';
import { freezeVenueClock } from './venue-clock-db';

teardown('the venue clock runs again', async () => {
  await freezeVenueClock(null);
});
