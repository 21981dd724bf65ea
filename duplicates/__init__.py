"""Find activities, assignments and responses that describe the same work in different places."""
