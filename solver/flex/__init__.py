"""The flex plan's CP-SAT model: variables, model and solve (`roster flex`)."""
