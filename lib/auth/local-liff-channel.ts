import { localSecret } from '../db/local-secret';

/** The audience of tokens minted by the local sign-in when no LINE channel is configured. */
export const LOCAL_LIFF_CHANNEL_ID = 'local-liff-channel';

/**
 * The secret of the local LIFF channel, kept under DATA_DIR so locally minted tokens survive
 * restarts. Only ever used where developer tools are on (developerToolsEnabled) and no LINE
 * channel is configured; a production build without DEV_TOOLS=1 never reads it.
 */
export const localLiffChannelSecret = (): string => localSecret('local-liff-channel-secret');
