import '@testing-library/jest-dom';

// Component tests render the whole fleet page; on a loaded 2-core CI machine
// that can take longer than jest's 5 s default.
jest.setTimeout(30_000);
