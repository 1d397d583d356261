/** The prerendered pages shared by every per-lab route (/labs, /embed, /present): one per live lab. */
import { liveLabs } from './registry';

export const entries = () => liveLabs.map(({ slug }) => ({ slug }));
