// SystemdKit
