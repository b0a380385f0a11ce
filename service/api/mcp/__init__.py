"""The MCP door (`/mcp`): the recommender and the content as tools, resources and prompts for
AI assistants, over the official `mcp` SDK's stateless Streamable HTTP (docs/mcp.md)."""

from service.api.mcp.door import McpDoor, mcp_route

__all__ = ["McpDoor", "mcp_route"]
