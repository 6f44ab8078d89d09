import { test as setup } from '@playwright/test';
import { freezeVenueClock } from './venue-clock-db';
import { FROZEN_VENUE_INSTANT } from './venue-clock';

setup('freeze the venue clock at noon of the day after today', async () => {
  await freezeVenueClock(FROZEN_VENUE_INSTANT);
});
