"""The graph of people: tie strength, circles, weak ties, introduction paths, brokers, the map."""
