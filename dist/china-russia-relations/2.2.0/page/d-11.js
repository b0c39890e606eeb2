__crr("d-11",[["conflicts/cf-4051cbee9fbf","date · Sept. 16–18, 2019 · On Sept. 16-19"]]);
