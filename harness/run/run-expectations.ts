/** Expectations for one run: the files' entries, and `skip` for requirements a platform lacks. */
import { isRequirementId, requirement } from '../requirements/catalog.js';
import type { ExpectationLookup } from '../results/aggregate.js';
import type { RequirementPlatform } from '../requirements/types.js';

export function runExpectations(files: ExpectationLookup, platformOf: (device: string) => RequirementPlatform | null): ExpectationLookup {
  return (device, id) => {
    const declared = files(device, id);
    if (declared) return declared;
    const platform = platformOf(device);
    if (platform && isRequirementId(id) && !requirement(id).platforms.includes(platform)) {
      return { status: 'skip', reason: `not a requirement on ${platform}` };
    }
    return undefined;
  };
}
