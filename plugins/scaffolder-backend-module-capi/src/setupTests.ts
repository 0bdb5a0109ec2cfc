// These tests drive real git repositories on disk; on two busy cores a single
// test can take longer than jest's 5 s default.
jest.setTimeout(30_000);
