fn main() {} // replaced by the divan bench of analysis::similar
