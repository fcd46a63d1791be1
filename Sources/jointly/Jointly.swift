import JointlyCLI

@main extension JointlyCommand {}
