"""Innovation platforms (plan section 三: R&D centres, incubators, maker spaces, science-park
branches) and the innovative-city indicators with their work-reminder notices (section 四)."""
