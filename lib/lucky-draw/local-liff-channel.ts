import { localSecret } from '../db/local-secret';

/** The audience of tokens minted by the local sign-in when no LINE channel is configured. */
export const LOCAL_LIFF_CHANNEL_ID = 'local-liff-channel';

/**
 * The secret of the local LIFF channel, kept under DATA_DIR so locally minted tokens survive
 * restarts. Only ever used on a local setup (see isLocalSetup) without LINE settings;
 * never in a real deployment.
 */
export const localLiffChannelSecret = (): string => localSecret('local-liff-channel-secret');
