// Preloaded into Azurite by tests/AutoIntel.TestKit/AzuriteServer.cs (node --require): the test host holds our stdin open,
// so when it exits for any reason, even a hard kill, stdin ends and Azurite goes with it instead of lingering on its port.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
