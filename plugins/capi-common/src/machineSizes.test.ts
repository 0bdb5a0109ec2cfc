import { machineSizeInWords, machineSizeTitle } from './machineSizes';

const sizes = [
  { name: 'small', cpu: 2, memoryMiB: 8192 },
  {
    name: 'medium',
    title: 'Medium (4 vCPU, 16 GiB)',
    cpu: 4,
    memoryMiB: 16384,
  },
  { name: 'tiny', cpu: 1, memoryMiB: 1536 },
];

describe('machine sizes in words', () => {
  it("uses the profile's title as the profile wrote it", () => {
    expect(machineSizeTitle(sizes[1])).toBe('Medium (4 vCPU, 16 GiB)');
  });

  it('gives an untitled size its name and shape', () => {
    expect(machineSizeTitle(sizes[0])).toBe('Small (2 vCPU, 8 GiB)');
    expect(machineSizeTitle(sizes[2])).toBe('Tiny (1 vCPU, 1.5 GiB)');
    expect(machineSizeTitle({ name: 'gpu' })).toBe('gpu');
  });

  it('names a size the profile does not describe as recorded, marked as such', () => {
    expect(machineSizeInWords('medium', sizes)).toBe('Medium (4 vCPU, 16 GiB)');
    expect(machineSizeInWords('xlarge', sizes)).toBe(
      '"xlarge" (a size no profile describes)',
    );
    expect(machineSizeInWords('xlarge', undefined)).toBe(
      '"xlarge" (a size no profile describes)',
    );
  });
});
