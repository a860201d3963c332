"""The question bank: reports, their sentences, topics and questions."""
